// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITender} from "../../../../contracts/interfaces/ITender.sol";
import {MockERC20} from "../../../../contracts/mocks/MockERC20.sol";
import {Tender} from "../../../../contracts/types/Tender.sol";
import {GasBurner, RejectingParty} from "../../mocks/Actors.sol";
import {BlocklistToken, HookToken} from "../../mocks/AdversarialTokens.sol";
import {CheatBase} from "../../utils/Test.sol";

/// @notice Drives random but valid escrow actions by many actors across many jobs, and keeps the ghost books the
/// invariants compare the escrow against: what each actor should hold, what each job paid out, what the protocol
/// earned. Every action it takes must succeed (the suite fails on any revert), so each one checks its preconditions
/// first; unauthorized attempts are made through try/catch and counted if they ever succeed.
contract EscrowHandler is CheatBase {
    address internal constant ETH = address(0);
    uint32 internal constant MIN_WINDOW = 1 hours;
    uint32 internal constant MAX_WINDOW = 365 days;

    ITender public escrow;
    address public treasury;
    address public owner;
    address public arbitrator;
    address public sink;
    RejectingParty public rejecting;
    GasBurner public burner;
    HookToken public hook;
    MockERC20 public usd;
    BlocklistToken public busd;

    address[] public actors;
    address[] public tokens;
    uint256[] public jobIds;
    uint256[] public rfqIds;
    uint256[] internal _disputedIds;

    /// @notice What each actor should own, in its wallet or as an escrow credit.
    mapping(address actor => mapping(address token => uint256)) public expectedWealth;
    /// @notice The bond each RFQ asks for (its only floor here: record and metric floors have their own tests).
    mapping(uint256 jobId => uint16) internal bondBpsOf;
    /// @notice How many times each job released its money (at most once).
    mapping(uint256 jobId => uint256) public payouts;
    /// @notice Fees earned and collected, per token.
    mapping(address token => uint256) public feesEarned;
    mapping(address token => uint256) public feesCollected;
    /// @notice Unauthorized or out-of-time calls that went through (must stay 0).
    uint256 public breaches;
    /// @notice Lowest-price awards that went to a bid above the lowest (must stay 0).
    uint256 public wrongAwards;
    /// @notice Who bid on each RFQ.
    mapping(uint256 jobId => address[]) internal _bidders;
    /// @notice Calls made per action, for the run's summary.
    mapping(bytes32 action => uint256) public calls;

    constructor(ITender escrow_, MockERC20 usd_, address owner_, address treasury_, address arbitrator_) {
        escrow = escrow_;
        usd = usd_;
        owner = owner_;
        treasury = treasury_;
        arbitrator = arbitrator_;
        busd = new BlocklistToken();
        rejecting = new RejectingParty();
        burner = new GasBurner();
        hook = new HookToken();
        sink = makeAddr("sink");
        actors.push(makeAddr("alice"));
        actors.push(makeAddr("bob"));
        actors.push(makeAddr("carol"));
        actors.push(makeAddr("dave"));
        actors.push(address(rejecting));
        actors.push(address(burner));
        tokens.push(ETH);
        tokens.push(address(usd_));
        tokens.push(address(busd));
        tokens.push(address(hook));
        vm.prank(owner_);
        escrow_.setTokenAllowed(address(usd_), true);
        vm.prank(owner_);
        escrow_.setTokenAllowed(address(busd), true);
        vm.prank(owner_);
        escrow_.setTokenAllowed(address(hook), true);
        for (uint256 i; i < actors.length; ++i) {
            vm.prank(actors[i]);
            usd.approve(address(escrow_), type(uint256).max);
            vm.prank(actors[i]);
            busd.approve(address(escrow_), type(uint256).max);
            vm.prank(actors[i]);
            hook.approve(address(escrow_), type(uint256).max);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    function post(uint256 buyerSeed, uint256 supplierSeed, uint256 tokenSeed, uint96 price, uint32 delivery, uint32 review)
        external
    {
        address buyer = actors[buyerSeed % actors.length];
        address supplier = actors[supplierSeed % actors.length];
        if (buyer == supplier) supplier = actors[(buyerSeed % actors.length + 1) % actors.length];
        address token = tokens[tokenSeed % tokens.length];
        if (token == address(busd) && busd.blocked(buyer)) return; // cannot be funded while blocked
        price = uint96(bound(price, 1, 1e24));
        _mintTo(buyer, token, price);

        Tender.DirectHire memory hire = Tender.DirectHire({
            supplier: supplier,
            token: token,
            price: price,
            deliveryWindow: uint32(bound(delivery, MIN_WINDOW, 30 days)),
            reviewWindow: uint32(bound(review, MIN_WINDOW, 30 days)),
            arbitrator: arbitrator,
            arbitratorTermsId: escrow.arbitrator(arbitrator).termsId,
            defaultBuyerShareBps: uint16(bound(price, 0, 5_000)),
            warranty: Tender.Warranty({holdbackBps: 0, warrantyWindow: 0, holdBond: false}),
            category: keccak256("code"),
            spec: '{"version":1,"title":"t"}'
        });
        vm.prank(buyer);
        uint256 jobId = escrow.postDirectHire{value: token == ETH ? price : 0}(hire);
        expectedWealth[buyer][token] -= price;
        jobIds.push(jobId);
        ++calls["post"];
    }

    function postRFQ(uint256 buyerSeed, uint256 tokenSeed, uint96 maxPrice, uint32 bidding, bool buyerChoice, uint16 bondBps)
        external
    {
        address buyer = actors[buyerSeed % actors.length];
        address token = tokens[tokenSeed % tokens.length];
        if (token == address(busd) && busd.blocked(buyer)) return;
        maxPrice = uint96(bound(maxPrice, 1, 1e24));
        _mintTo(buyer, token, maxPrice);
        Tender.Floors memory floors = _floors(uint16(bound(bondBps, 0, 2_000)));
        Tender.RFQ memory rfq = Tender.RFQ({
            token: token,
            maxPrice: maxPrice,
            bidDeadline: uint40(block.timestamp + bound(bidding, MIN_WINDOW, 10 days)),
            awardWindow: buyerChoice ? 2 days : 0,
            deliveryWindow: 3 days,
            reviewWindow: 2 days,
            mode: buyerChoice ? Tender.AwardMode.BuyerChoice : Tender.AwardMode.LowestPrice,
            arbitrator: arbitrator,
            arbitratorTermsId: escrow.arbitrator(arbitrator).termsId,
            defaultBuyerShareBps: 0,
            warranty: Tender.Warranty({holdbackBps: 0, warrantyWindow: 0, holdBond: false}),
            category: keccak256("code"),
            floors: floors,
            spec: '{"version":1,"title":"rfq"}'
        });
        vm.prank(buyer);
        uint256 jobId = escrow.postRFQ{value: token == ETH ? maxPrice : 0}(rfq);
        expectedWealth[buyer][token] -= maxPrice;
        jobIds.push(jobId);
        bondBpsOf[jobId] = floors.bondBps;
        rfqIds.push(jobId);
        ++calls["postRFQ"];
    }

    /// @notice One to three actors bid on an open RFQ (several per call, so RFQs get real competition).
    function bid(uint256 jobSeed, uint256 bidderSeed, uint96 price, uint8 count) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open || block.timestamp >= job.deadline) return;
        Tender.Floors memory floors = _floors(bondBpsOf[jobId]);
        uint256 bond = uint256(job.price) * floors.bondBps / 10_000;
        for (uint256 n; n <= count % 3; ++n) {
            address bidder = actors[(bidderSeed % actors.length + n) % actors.length];
            if (bidder == job.buyer || escrow.bidOf(jobId, bidder).price != 0) continue;
            if (job.token == address(busd) && busd.blocked(bidder)) continue;
            _mintTo(bidder, job.token, bond);
            uint96 offer = uint96(bound(uint256(keccak256(abi.encode(price, n))), 1, job.price));
            vm.prank(bidder);
            escrow.bid{value: job.token == ETH ? bond : 0}(jobId, offer, floors);
            expectedWealth[bidder][job.token] -= bond;
            _bidders[jobId].push(bidder);
            ++calls["bid"];
        }
    }

    function improveBid(uint256 jobSeed, uint256 bidderSeed, uint96 price) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open || block.timestamp >= job.deadline) return;
        address[] storage bidders = _bidders[jobId];
        if (bidders.length == 0) return;
        address bidder = bidders[bidderSeed % bidders.length];
        uint96 current = escrow.bidOf(jobId, bidder).price;
        if (current <= 1) return;
        vm.prank(bidder);
        escrow.improveBid(jobId, uint96(bound(price, 1, current - 1)));
        ++calls["improveBid"];
    }

    function award(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open || block.timestamp < job.deadline) return;
        if (escrow.rfqOf(jobId).mode != Tender.AwardMode.LowestPrice || _bidders[jobId].length == 0) return;
        uint256 lowest = type(uint256).max;
        for (uint256 i; i < _bidders[jobId].length; ++i) {
            uint256 p = escrow.bidOf(jobId, _bidders[jobId][i]).price;
            if (p < lowest) lowest = p;
        }
        vm.prank(actors[callerSeed % actors.length]);
        escrow.award(jobId);
        Tender.Job memory awarded = escrow.job(jobId);
        if (awarded.price != lowest || escrow.bidOf(jobId, awarded.supplier).price != lowest) ++wrongAwards;
        expectedWealth[job.buyer][job.token] += job.price - awarded.price;
        ++calls["award"];
    }

    function pick(uint256 jobSeed, uint256 bidderSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open || block.timestamp < job.deadline) return;
        Tender.RFQState memory rfq = escrow.rfqOf(jobId);
        if (rfq.mode != Tender.AwardMode.BuyerChoice || block.timestamp >= rfq.awardDeadline) return;
        address[] storage bidders = _bidders[jobId];
        if (bidders.length == 0) return;
        address chosen = bidders[bidderSeed % bidders.length];
        vm.prank(job.buyer);
        escrow.pick(jobId, chosen);
        expectedWealth[job.buyer][job.token] += job.price - escrow.job(jobId).price;
        ++calls["pick"];
    }

    function cancel(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open) return;
        bool hasBids = _bidders[jobId].length != 0;
        Tender.RFQState memory rfq = escrow.rfqOf(jobId);
        if (hasBids && rfq.mode == Tender.AwardMode.LowestPrice) return;
        uint256 lapsedAt = hasBids ? rfq.awardDeadline : job.deadline;
        address caller = actors[callerSeed % actors.length];
        bool allowed = (caller == job.buyer && (!hasBids || block.timestamp >= lapsedAt))
            || block.timestamp >= lapsedAt + escrow.cancelGracePeriod();
        if (!allowed) return;
        vm.prank(caller);
        escrow.cancel(jobId);
        ++payouts[jobId];
        expectedWealth[job.buyer][job.token] += job.price;
        ++calls["cancel"];
    }

    function reclaimBond(uint256 jobSeed, uint256 bidderSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        address[] storage bidders = _bidders[jobId];
        if (bidders.length == 0 || job.status == Tender.Status.Open) return;
        address bidder = bidders[bidderSeed % bidders.length];
        uint256 bond = escrow.bidOf(jobId, bidder).bond;
        if (bond == 0 || bidder == job.supplier) return;
        vm.prank(bidder);
        escrow.reclaimBond(jobId);
        expectedWealth[bidder][job.token] += bond; // pushed, or credited if it refuses
        ++calls["reclaimBond"];
    }

    /*//////////////////////////////////////////////////////////////
                                DISPUTES
    //////////////////////////////////////////////////////////////*/

    /// @notice Disputes a delivered job; an awarded one is delivered first (so dispute chains are common).
    function dispute(uint256 jobSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status == Tender.Status.Awarded && block.timestamp < job.deadline) {
            deliver(jobSeed);
            job = escrow.job(jobId);
        }
        if (job.status != Tender.Status.Delivered || block.timestamp >= job.deadline) return;
        if (job.token == address(busd) && busd.blocked(job.buyer)) return;
        uint256 fee = _feeOf(job);
        _mintTo(job.buyer, job.token, fee);
        vm.prank(job.buyer);
        escrow.dispute{value: job.token == ETH ? fee : 0}(jobId, "ipfs://statement");
        _disputedIds.push(jobId);
        expectedWealth[job.buyer][job.token] -= fee;
        ++calls["dispute"];
    }

    function respond(uint256 jobSeed) public {
        (uint256 jobId, Tender.Job memory job) = _pickFrom(_disputedIds, jobSeed);
        if (job.status != Tender.Status.Disputed || job.answered || block.timestamp >= job.deadline) return;
        if (job.token == address(busd) && busd.blocked(job.supplier)) return;
        uint256 fee = _feeOf(job);
        _mintTo(job.supplier, job.token, fee);
        vm.prank(job.supplier);
        escrow.respond{value: job.token == ETH ? fee : 0}(jobId, "ipfs://response");
        expectedWealth[job.supplier][job.token] -= fee;
        ++calls["respond"];
    }

    function evidence(uint256 jobSeed, bool byBuyer) external {
        (uint256 jobId, Tender.Job memory job) = _pickFrom(_disputedIds, jobSeed);
        if (job.status != Tender.Status.Disputed) return;
        vm.prank(byBuyer ? job.buyer : job.supplier);
        escrow.submitEvidence(jobId, "ipfs://evidence");
        ++calls["evidence"];
    }

    /// @notice Rules on a disputed job; an unanswered one is answered first.
    function rule(uint256 jobSeed, uint16 bps) external {
        (uint256 jobId, Tender.Job memory job) = _pickFrom(_disputedIds, jobSeed);
        if (job.status == Tender.Status.Disputed && !job.answered && block.timestamp < job.deadline) {
            respond(jobSeed);
            job = escrow.job(jobId);
        }
        if (job.status != Tender.Status.Disputed || !job.answered || block.timestamp >= job.deadline) return;
        bps = uint16(bound(bps, 0, 10_000));
        if (bps % 3 == 0) bps = 5_000; // make even rulings common
        uint256 bond = _winnerBond(jobId, job);
        vm.prank(arbitrator);
        escrow.rule(jobId, bps, keccak256("reasons"));
        _disputeSettled(jobId, job, bond, bps, 0);
        ++calls["rule"];
    }

    function settleDispute(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickFrom(_disputedIds, jobSeed);
        if (job.status != Tender.Status.Disputed || block.timestamp < job.deadline) return;
        uint256 bond = _winnerBond(jobId, job);
        vm.prank(actors[callerSeed % actors.length]);
        escrow.settleDispute(jobId);
        if (job.answered) _disputeSettled(jobId, job, bond, job.defaultBuyerShareBps, 2);
        else _disputeSettled(jobId, job, bond, 10_000, 1);
        ++calls["settleDispute"];
    }

    /// @dev The ghost books' own reading of the dispute rules. `kind`: 0 ruled, 1 unanswered, 2 silent.
    function _disputeSettled(uint256 jobId, Tender.Job memory job, uint256 bond, uint256 bps, uint256 kind) internal {
        ++payouts[jobId];
        uint256 fee = _feeOf(job);
        uint256 toBuyer = uint256(job.price) * bps / 10_000;
        uint256 supplierShare = job.price - toBuyer;
        uint256 protocolFee = supplierShare * job.protocolFeeBps / 10_000;
        uint256 toSupplier = supplierShare - protocolFee;
        uint256 toArbitrator;
        if (kind == 1) {
            toBuyer += fee;
        } else if (kind == 2) {
            toBuyer += fee;
            toSupplier += fee;
        } else if (bps > 5_000) {
            toBuyer += fee;
            toArbitrator = fee;
        } else if (bps < 5_000) {
            toSupplier += fee;
            toArbitrator = fee;
        } else {
            toBuyer += fee / 2;
            toSupplier += fee / 2;
            toArbitrator = 2 * fee - 2 * (fee / 2);
        }
        if (bps > 5_000) toBuyer += bond;
        else toSupplier += bond;
        feesEarned[job.token] += protocolFee;
        expectedWealth[job.buyer][job.token] += toBuyer;
        expectedWealth[job.supplier][job.token] += toSupplier;
        expectedWealth[arbitrator][job.token] += toArbitrator;
    }

    /// @notice The arbitrator's fee a side pays on `job`.
    function feeOf(uint256 jobId) external view returns (uint256) {
        return _feeOf(escrow.job(jobId));
    }

    function _feeOf(Tender.Job memory job) internal view returns (uint256) {
        return uint256(job.price) * escrow.arbitratorTerms(job.termsId).feeBps / 10_000;
    }

    /// @notice What the escrow holds in bonds for `token`.
    function bondsHeld(address token) external view returns (uint256 total) {
        for (uint256 i; i < jobIds.length; ++i) {
            uint256 jobId = jobIds[i];
            if (escrow.job(jobId).token != token) continue;
            address[] storage bidders = _bidders[jobId];
            for (uint256 j; j < bidders.length; ++j) total += escrow.bidOf(jobId, bidders[j]).bond;
        }
    }

    function deliver(uint256 jobSeed) public {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status != Tender.Status.Awarded || block.timestamp >= job.deadline) return;
        vm.prank(job.supplier);
        escrow.deliver(jobId, keccak256(abi.encode(jobId)), "ipfs://work");
        ++calls["deliver"];
    }

    function decline(uint256 jobId_) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobId_);
        if (job.status != Tender.Status.Awarded || block.timestamp >= job.deadline) return;
        uint256 bond = _winnerBond(jobId, job);
        vm.prank(job.supplier);
        escrow.decline(jobId);
        _refunded(jobId, job, bond);
        ++calls["decline"];
    }

    function refund(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status != Tender.Status.Awarded || block.timestamp < job.deadline) return;
        uint256 bond = _winnerBond(jobId, job);
        vm.prank(actors[callerSeed % actors.length]);
        escrow.refund(jobId);
        _refunded(jobId, job, bond);
        ++calls["refund"];
    }

    function confirm(uint256 jobSeed, uint8 rating) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status != Tender.Status.Delivered || block.timestamp >= job.deadline) return;
        uint256 bond = _winnerBond(jobId, job);
        vm.prank(job.buyer);
        escrow.confirm(jobId, uint8(bound(rating, 1, 5)));
        _settled(jobId, job, bond);
        ++calls["confirm"];
    }

    function finalize(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status != Tender.Status.Delivered || block.timestamp < job.deadline) return;
        uint256 bond = _winnerBond(jobId, job);
        vm.prank(actors[callerSeed % actors.length]);
        escrow.finalize(jobId);
        _settled(jobId, job, bond);
        ++calls["finalize"];
    }

    function withdraw(uint256 actorSeed, uint256 tokenSeed) external {
        address actor = actors[actorSeed % actors.length];
        address token = tokens[tokenSeed % tokens.length];
        uint256 amount = escrow.credit(actor, token);
        if (amount == 0) return;
        // An actor that cannot receive (refuses ETH, or is blocklisted, or refuses or burns a token's hook, or burns
        // the gas of any ETH it gets) withdraws to the sink instead.
        bool cannotReceive = ((actor == address(rejecting) || actor == address(burner)) && (token == ETH || token == address(hook)))
            || (token == address(busd) && busd.blocked(actor));
        address to = cannotReceive ? sink : actor;
        vm.prank(actor);
        escrow.withdraw(token, to);
        expectedWealth[actor][token] -= amount;
        expectedWealth[to][token] += amount;
        ++calls["withdraw"];
    }

    function collectFees(uint256 tokenSeed) external {
        address token = tokens[tokenSeed % tokens.length];
        uint256 amount = escrow.protocolFees(token);
        if (amount == 0) return;
        escrow.collectProtocolFees(token);
        feesCollected[token] += amount;
        ++calls["collectFees"];
    }

    function setFee(uint16 feeBps) external {
        vm.prank(owner);
        escrow.setProtocolFee(uint16(bound(feeBps, 0, 500)));
        ++calls["setFee"];
    }

    function toggleBlocklist(uint256 actorSeed) external {
        address actor = actors[actorSeed % actors.length];
        busd.setBlocked(actor, !busd.blocked(actor));
        ++calls["toggleBlocklist"];
    }

    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 6 days));
        ++calls["warp"];
    }

    /// @notice Someone with no right to (a random actor or the sink), or at the wrong time, tries to move a job.
    function attack(uint256 jobSeed, uint256 callerSeed, uint8 how) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status == Tender.Status.None) return;
        address caller = callerSeed % 2 == 0 ? sink : actors[callerSeed % actors.length];
        bool ok;
        vm.startPrank(caller);
        how = how % 6;
        if (how == 0 && caller != job.buyer) {
            try escrow.confirm(jobId, 5) {ok = true;} catch {}
        } else if (how == 1 && caller != job.supplier) {
            try escrow.deliver(jobId, keccak256("forged"), "x") {ok = true;} catch {}
        } else if (how == 2 && caller != job.supplier) {
            try escrow.decline(jobId) {ok = true;} catch {}
        } else if (how == 3 && !(job.status == Tender.Status.Awarded && block.timestamp >= job.deadline)) {
            try escrow.refund(jobId) {ok = true;} catch {}
        } else if (how == 4 && !(job.status == Tender.Status.Delivered && block.timestamp >= job.deadline)) {
            try escrow.finalize(jobId) {ok = true;} catch {}
        } else if (how == 5) {
            try escrow.rule(jobId, 10_000, bytes32(0)) {ok = true;} catch {}
        }
        vm.stopPrank();
        if (ok) ++breaches;
        ++calls["attack"];
    }

    /*//////////////////////////////////////////////////////////////
                                 GHOSTS
    //////////////////////////////////////////////////////////////*/

    function jobCount() external view returns (uint256) {
        return jobIds.length;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }

    /// @notice Everyone whose holdings the books track: the actors, the sink they may withdraw to, the arbitrator.
    function holders() external view returns (address[] memory list) {
        list = new address[](actors.length + 2);
        for (uint256 i; i < actors.length; ++i) list[i] = actors[i];
        list[actors.length] = sink;
        list[actors.length + 1] = arbitrator;
    }

    function _pick(uint256 seed) internal view returns (uint256 jobId, Tender.Job memory job) {
        return _pickFrom(jobIds, seed);
    }

    function _mintTo(address account, address token, uint256 amount) internal {
        if (token == ETH) vm.deal(account, account.balance + amount);
        else MockERC20(token).mint(account, amount);
        expectedWealth[account][token] += amount;
    }

    function _pickFrom(uint256[] storage ids, uint256 seed) internal view returns (uint256 jobId, Tender.Job memory job) {
        if (ids.length == 0) return (0, job);
        jobId = ids[seed % ids.length];
        job = escrow.job(jobId);
    }

    function _pickRfq(uint256 seed) internal view returns (uint256 jobId, Tender.Job memory job) {
        return _pickFrom(rfqIds, seed);
    }

    function _floors(uint16 bondBps) internal pure returns (Tender.Floors memory floors) {
        floors.maxLossShareBps = 10_000;
        floors.maxClawbackShareBps = 10_000;
        floors.bondBps = bondBps;
    }

    function _winnerBond(uint256 jobId, Tender.Job memory job) internal view returns (uint256) {
        return job.flags & Tender.FLAG_DIRECT != 0 ? 0 : escrow.bidOf(jobId, job.supplier).bond;
    }

    function _refunded(uint256 jobId, Tender.Job memory job, uint256 bond) internal {
        ++payouts[jobId];
        expectedWealth[job.buyer][job.token] += job.price + bond;
    }

    function _settled(uint256 jobId, Tender.Job memory job, uint256 bond) internal {
        ++payouts[jobId];
        uint256 fee = uint256(job.price) * job.protocolFeeBps / 10_000;
        feesEarned[job.token] += fee;
        expectedWealth[job.supplier][job.token] += job.price - fee + bond;
    }
}
