// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {ITenderAdmin} from "../interfaces/ITenderAdmin.sol";
import {ITenderMarket} from "../interfaces/ITenderMarket.sol";
import {ITenderSealed} from "../interfaces/ITenderSealed.sol";
import {ITenderSigned} from "../interfaces/ITenderSigned.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowPosting} from "../base/EscrowPosting.sol";
import {EscrowBidding} from "../base/EscrowBidding.sol";
import {ISupplierRegistry} from "../interfaces/ISupplierRegistry.sol";

/// @title TenderSigned
/// @notice The escrow's actions done on a signature instead of a prior transaction ({ITenderSigned}), on the escrow's
/// storage: a job posted and funded in one transaction through the buyer's ERC-2612 permit, a supplier's actions
/// done on its EIP-712 signature by whoever submits them, and sealed bids ({ITenderSealed}). It runs only by
/// `delegatecall` from a {TenderEscrow} (reached through its admin module's fallback), so the money it takes is the
/// escrow's, under the escrow's reentrancy lock; it holds nothing itself.
/// @dev Deployed on its own and named in the escrow's constructor, as the milestones module is: its code depends only
/// on the deployment's settings — window bounds and supplier registry — (no immutable of its own address), so anyone
/// verifies a deployment by building it again (the SDK's `verifyModules`). For the same reason its EIP-712 domain
/// separator is computed on each call from the chain id and `address(this)` (the escrow's address under
/// `delegatecall`), not cached in immutables.
contract TenderSigned is EscrowBidding, ITenderSigned, ITenderSealed, ReentrancyGuardTransient {
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _NAME_HASH = keccak256("Tender");
    bytes32 private constant _VERSION_HASH = keccak256("1");
    bytes32 private constant _DELIVER_TYPEHASH = keccak256(
        "Deliver(address signer,uint256 jobId,uint256 milestone,bytes32 deliverableHash,string uri,address relayer,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _BID_TYPEHASH =
        keccak256(
            "Bid(address signer,uint256 jobId,uint96 price,address token,uint96 bond,address relayer,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant _RESPOND_TYPEHASH = keccak256(
        "Respond(address signer,uint256 jobId,uint256 milestone,string responseURI,address token,uint96 fee,address relayer,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _COMMIT_TYPEHASH = keccak256(
        "Commit(address signer,uint256 jobId,bytes32 commitment,address token,uint96 bond,address relayer,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _IMPROVE_BID_TYPEHASH = keccak256(
        "ImproveBid(address signer,uint256 jobId,uint96 price,address relayer,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _RECLAIM_BOND_TYPEHASH =
        keccak256("ReclaimBond(address signer,uint256 jobId,address relayer,uint256 nonce,uint256 deadline)");
    bytes32 private constant _WITHDRAW_TYPEHASH =
        keccak256("Withdraw(address signer,address token,address to,address relayer,uint256 nonce,uint256 deadline)");

    uint32 private immutable _minWindow;
    uint32 private immutable _maxWindow;
    ISupplierRegistry private immutable _registry;

    /// @dev Only through an escrow's `delegatecall`: an escrow always has a treasury, the module's own storage never
    /// has one (see {TenderMilestones}).
    modifier delegated() {
        if (_config.treasury == address(0)) revert ITenderAdmin.NotDelegated();
        _;
    }

    /// @param minWindow The escrow's shortest window, in seconds.
    /// @param maxWindow The escrow's longest window, in seconds.
    /// @param registry Where the escrow reads suppliers' attested metrics (a signed bid's floors).
    constructor(uint32 minWindow, uint32 maxWindow, ISupplierRegistry registry) {
        _minWindow = minWindow;
        _maxWindow = maxWindow;
        _registry = registry;
    }

    /// @notice The deployment settings this module was built for; an escrow refuses a module whose settings are not
    /// its own.
    function settings() external view returns (uint32 minWindow, uint32 maxWindow, ISupplierRegistry registry) {
        return (_minWindow, _maxWindow, _registry);
    }

    function _supplierRegistry() internal view override returns (ISupplierRegistry) {
        return _registry;
    }

    function _windowBounds() internal view override returns (uint256, uint256) {
        return (_minWindow, _maxWindow);
    }

    /*//////////////////////////////////////////////////////////////
                           POSTING WITH A PERMIT
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderSigned
    function postDirectHireWithPermit(Tender.DirectHire calldata hire, Tender.Permit calldata permit)
        external
        override
        delegated
        nonReentrant
        returns (uint256 jobId)
    {
        // Check, effect: the job starts Awarded (EscrowPosting).
        jobId = _postDirectHire(hire);

        // Interaction: the buyer's permit, then the price into escrow.
        _permit(hire.token, msg.sender, hire.price, permit);
        _collect({token: hire.token, from: msg.sender, amount: hire.price});
    }

    /// @inheritdoc ITenderSigned
    function postRFQWithPermit(Tender.RFQ calldata rfq, Tender.Permit calldata permit)
        external
        override
        delegated
        nonReentrant
        returns (uint256 jobId)
    {
        // Check, effect: the RFQ opens for bids (EscrowPosting).
        jobId = _postRFQ(rfq);

        // Interaction: the buyer's permit, then the maximum price into escrow.
        _permit(rfq.token, msg.sender, rfq.maxPrice, permit);
        _collect({token: rfq.token, from: msg.sender, amount: rfq.maxPrice});
    }

    /*//////////////////////////////////////////////////////////////
                        A SUPPLIER'S SIGNED ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderSigned
    /// @dev No guard: a delivery makes no external call but the signature check (a static call to a contract
    /// wallet), as the plain {ITenderEscrow-deliver} makes none. The milestone signed must be the one in progress (0
    /// for a job paid at once): a job in milestones is Awarded again after each, and a delivery signed for one
    /// milestone must not deliver the next.
    function deliverBySig(uint256 jobId, bytes32 deliverableHash, string calldata uri, Tender.Signed calldata signed)
        external
        override
        delegated
    {
        uint256 milestone = _jobs[jobId].flags & Tender.FLAG_MILESTONES != 0 ? _milestones[jobId].current : 0;
        _verify(
            signed,
            keccak256(
                abi.encode(
                    _DELIVER_TYPEHASH,
                    signed.signer,
                    jobId,
                    milestone,
                    deliverableHash,
                    keccak256(bytes(uri)),
                    signed.relayer,
                    signed.nonce,
                    signed.deadline
                )
            )
        );
        _deliver(jobId, signed.signer, deliverableHash, uri);
    }

    /// @inheritdoc ITenderSigned
    function bidBySig(
        uint256 jobId,
        uint96 price,
        Tender.Floors calldata floors,
        Tender.Permit calldata bondPermit,
        Tender.Signed calldata signed
    ) external override delegated nonReentrant {
        // The token and the bond are part of what was signed, as the job has them now (its maximum price and the
        // floors, which `_bid` checks against the posted ones): a signature for a job id that turns out to be another
        // RFQ (a reorg, or one signed before it was posted) cannot take a bond the signer did not agree to.
        Tender.Job storage job = _jobs[jobId];
        address token = job.token;
        uint96 bond = uint96(uint256(job.price) * floors.bondBps / _BPS);
        _verify(
            signed,
            keccak256(
                abi.encode(
                    _BID_TYPEHASH, signed.signer, jobId, price, token, bond, signed.relayer, signed.nonce, signed.deadline
                )
            )
        );
        // Check, effect (EscrowBidding); interaction: the bond from the signer, through its permit if it needs one.
        _bid(jobId, signed.signer, price, floors);
        if (bond != 0) {
            _permit(token, signed.signer, bond, bondPermit);
            _collect({token: token, from: signed.signer, amount: bond});
        }
    }

    /// @inheritdoc ITenderSigned
    function respondBySig(
        uint256 jobId,
        string calldata responseURI,
        Tender.Permit calldata feePermit,
        Tender.Signed calldata signed
    ) external override delegated nonReentrant {
        // The milestone, the token and the fee are signed as the job has them now: an answer signed for one
        // milestone's dispute does not answer the next one's, and it pays no other fee than the one it names.
        Tender.Job storage job = _jobs[jobId];
        uint256 milestone = job.flags & Tender.FLAG_MILESTONES != 0 ? _milestones[jobId].current : 0;
        address token = job.token;
        uint96 fee = uint96(_disputeStake(jobId, job) * _terms[job.termsId].feeBps / _BPS);
        _verify(
            signed,
            keccak256(
                abi.encode(
                    _RESPOND_TYPEHASH,
                    signed.signer,
                    jobId,
                    milestone,
                    keccak256(bytes(responseURI)),
                    token,
                    fee,
                    signed.relayer,
                    signed.nonce,
                    signed.deadline
                )
            )
        );
        // Check, effect (EscrowSupplier); interaction: the fee from the signer, through its permit if it needs one.
        _respond(jobId, signed.signer, responseURI);
        if (fee != 0) {
            _permit(token, signed.signer, fee, feePermit);
            _collect({token: token, from: signed.signer, amount: fee});
        }
    }

    /// @dev A dispute's stake as the job runs: the milestone in progress's part of a job in milestones, else the price.
    function _disputeStake(uint256 jobId, Tender.Job storage job) internal view override returns (uint256) {
        return job.flags & Tender.FLAG_MILESTONES != 0 ? _grossOf(job, _milestones[jobId]) : job.price;
    }

    /// @inheritdoc ITenderSigned
    function improveBidBySig(uint256 jobId, uint96 price, Tender.Signed calldata signed) external override delegated {
        _verify(
            signed,
            keccak256(
                abi.encode(_IMPROVE_BID_TYPEHASH, signed.signer, jobId, price, signed.relayer, signed.nonce, signed.deadline)
            )
        );
        _improveBid(jobId, signed.signer, price);
    }

    /// @inheritdoc ITenderSigned
    function reclaimBondBySig(uint256 jobId, Tender.Signed calldata signed)
        external
        override
        delegated
        nonReentrant
    {
        _verify(
            signed,
            keccak256(abi.encode(_RECLAIM_BOND_TYPEHASH, signed.signer, jobId, signed.relayer, signed.nonce, signed.deadline))
        );
        _reclaimBond(jobId, signed.signer);
    }

    /// @inheritdoc ITenderSigned
    function withdrawBySig(address token, address to, Tender.Signed calldata signed)
        external
        override
        delegated
        nonReentrant
        returns (uint256 amount)
    {
        _verify(
            signed,
            keccak256(abi.encode(_WITHDRAW_TYPEHASH, signed.signer, token, to, signed.relayer, signed.nonce, signed.deadline))
        );
        return _withdraw(signed.signer, token, to);
    }

    /*//////////////////////////////////////////////////////////////
                               SEALED BIDS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderSealed
    function commit(uint256 jobId, bytes32 commitment, Tender.Floors calldata floors)
        external
        payable
        override
        delegated
        nonReentrant
    {
        // Check, effect (EscrowBidding); interaction: take the bond.
        (address token, uint96 bond) = _commit(jobId, msg.sender, commitment, floors);
        _collect({token: token, from: msg.sender, amount: bond});
    }

    /// @inheritdoc ITenderSealed
    function commitBySig(
        uint256 jobId,
        bytes32 commitment,
        Tender.Floors calldata floors,
        Tender.Permit calldata bondPermit,
        Tender.Signed calldata signed
    ) external override delegated nonReentrant {
        // The token and the bond are signed as the job has them now, as for a signed open bid.
        Tender.Job storage job = _jobs[jobId];
        address token = job.token;
        uint96 bond = uint96(uint256(job.price) * floors.bondBps / _BPS);
        _verify(
            signed,
            keccak256(
                abi.encode(
                    _COMMIT_TYPEHASH,
                    signed.signer,
                    jobId,
                    commitment,
                    token,
                    bond,
                    signed.relayer,
                    signed.nonce,
                    signed.deadline
                )
            )
        );
        // Check, effect (EscrowBidding); interaction: the bond from the signer, through its permit if it needs one.
        _commit(jobId, signed.signer, commitment, floors);
        _permit(token, signed.signer, bond, bondPermit);
        _collect({token: token, from: signed.signer, amount: bond});
    }

    /// @inheritdoc ITenderSealed
    /// @dev No guard: a reveal makes no external call.
    function reveal(uint256 jobId, address supplier, uint96 price, bytes32 salt) external override delegated {
        Tender.Job storage job = _jobs[jobId];

        // Check: a sealed-bid RFQ in its reveal window, and the supplier's commitment opened.
        _expectStatus(jobId, job.status, Tender.Status.Open);
        Tender.RFQState memory rfq = _rfqs[jobId];
        if (rfq.mode != Tender.AwardMode.SealedLowestPrice) revert ITenderMarket.WrongAwardMode(jobId, rfq.mode);
        if (block.timestamp < job.deadline) revert ITenderMarket.BiddingOpen(jobId, job.deadline);
        if (block.timestamp >= rfq.awardDeadline) revert ITenderMarket.RevealClosed(jobId, rfq.awardDeadline);
        Tender.Bid storage bid_ = _bids[jobId][supplier];
        if (!bid_.unrevealed) revert ITenderMarket.NothingToReveal(jobId, supplier);
        if (keccak256(abi.encode(block.chainid, address(this), jobId, supplier, price, salt)) != _commitments[jobId][supplier])
        {
            revert ITenderMarket.CommitmentMismatch(jobId, supplier);
        }

        // Effect: the commitment is spent; a price in range competes (the lower commit first on a tie). A price that
        // cannot win (0, or above the maximum) is no bid: its bond stays forfeit, as a bid never revealed (found in
        // review: else a commit nobody can win with would block the buyer's cancel at no risk).
        delete _commitments[jobId][supplier];
        bool valid = price != 0 && price <= job.price;
        bool best;
        if (valid) {
            bid_.unrevealed = false;
            bid_.price = price;
            best = _leadSealed(jobId, supplier, price, bid_.placedAt);
        }
        emit ITenderMarket.BidRevealed(jobId, supplier, price, valid, best);
    }

    /// @inheritdoc ITenderSealed
    function forfeitBond(uint256 jobId, address supplier) external override delegated nonReentrant {
        Tender.Job storage job = _jobs[jobId];
        Tender.Bid storage bid_ = _bids[jobId][supplier];

        // Check: an unrevealed commitment with its bond, past the reveal deadline (an award or a cancel of a job
        // with commitments comes after it too).
        uint96 bond = bid_.bond;
        if (!bid_.unrevealed || bond == 0 || block.timestamp < _rfqs[jobId].awardDeadline) {
            revert ITenderMarket.NotForfeitable(jobId, supplier);
        }

        // Effect
        bid_.bond = 0;
        delete _commitments[jobId][supplier];
        address buyer = job.buyer;
        emit ITenderMarket.BondForfeited(jobId, supplier, buyer, bond);

        // Interaction
        _push(job.token, buyer, bond);
    }

    /// @inheritdoc ITenderSigned
    function invalidateNonces(uint256 word, uint256 mask) external override delegated {
        _nonces[msg.sender][word] |= mask;
        emit NoncesInvalidated(msg.sender, word, mask);
    }

    /// @inheritdoc ITenderSigned
    function nonceBitmap(address signer, uint256 word) external view override delegated returns (uint256) {
        return _nonces[signer][word];
    }

    /// @notice EIP-5267: the domain of this escrow's signed actions (name, version, chain id, verifying contract).
    function eip712Domain()
        external
        view
        override
        delegated
        returns (bytes1, string memory, string memory, uint256, address, bytes32, uint256[] memory)
    {
        return (hex"0f", "Tender", "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Makes `supplier`'s revealed `price` the best if it is the first, strictly lower, or equal with an earlier
    /// commit (`seq`).
    function _leadSealed(uint256 jobId, address supplier, uint96 price, uint40 seq) private returns (bool) {
        Tender.BestBid memory best = _best[jobId];
        if (
            best.supplier != address(0)
                && (price > best.price || (price == best.price && seq > _bids[jobId][best.supplier].placedAt))
        ) return false;
        _best[jobId] = Tender.BestBid({supplier: supplier, price: price});
        return true;
    }

    /// @dev Submits `owner`'s permit for `needed` of a listed `token` (the posting checked the listing); `owner` is
    /// the caller or a verified signer, never anyone else. A permit that fails is no failure if the allowance is
    /// there anyway (someone submitted the same permit to the token first, or the owner approved before): only a
    /// short allowance refuses the call, by name. The allowance is read after a permit that went through too: a
    /// token whose fallback answers any call would "accept" it and grant none.
    function _permit(address token, address owner, uint256 needed, Tender.Permit calldata p) private {
        if (token == ETH) revert PermitForEth();
        try IERC20Permit(token).permit(owner, address(this), p.value, p.deadline, p.v, p.r, p.s) {} catch {}
        uint256 allowance = IERC20(token).allowance(owner, address(this));
        if (allowance < needed) revert PermitAllowanceShort(token, owner, allowance, needed);
    }

    /// @dev Admits a signed action whose typed data hashes to `structHash`: submitted by its relayer (if it names
    /// one), before its deadline, signed by `signed.signer` over this chain and escrow, with a nonce never used
    /// (which it spends). Checks what costs least first; the signer's own checks against the job follow.
    function _verify(Tender.Signed calldata signed, bytes32 structHash) private {
        address relayer = signed.relayer;
        if (relayer != address(0) && msg.sender != relayer) revert NotRelayer(relayer, msg.sender);
        if (block.timestamp >= signed.deadline) revert SignatureExpired(signed.deadline);
        bytes32 domain =
            keccak256(abi.encode(_DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
        address signer = signed.signer;
        if (
            !SignatureChecker.isValidSignatureNowCalldata(
                signer, MessageHashUtils.toTypedDataHash(domain, structHash), signed.signature
            )
        ) revert InvalidSignature(signer);
        uint256 nonce = signed.nonce;
        uint256 bit = 1 << (nonce & 0xff);
        mapping(uint256 => uint256) storage bitmap = _nonces[signer];
        uint256 bits = bitmap[nonce >> 8];
        if (bits & bit != 0) revert NonceUsed(signer, nonce);
        bitmap[nonce >> 8] = bits | bit;
    }
}
