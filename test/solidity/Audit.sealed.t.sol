// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../../contracts/interfaces/ITenderMarket.sol";
import {ITenderSigned} from "../../contracts/interfaces/ITenderSigned.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {SealedTest} from "./utils/SealedTest.sol";
import {RejectingParty} from "./mocks/Actors.sol";
import {ReentrantToken} from "./mocks/AdversarialTokens.sol";

/// @notice Audit of the sealed-bid change (commit, commitBySig, reveal, forfeitBond, the sealed award and lapse).
/// `test_audit_S*` tests state the property a finding broke (they failed on bf05651; fixed since); the other
/// `test_audit_*` tests pin an attack the code withstood.
contract AuditSealedTest is SealedTest {
    uint32 internal constant WARRANTY = 7 days;

    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _COMMIT_TYPEHASH = keccak256(
        "Commit(address signer,uint256 jobId,bytes32 commitment,address token,uint96 bond,address relayer,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _RECLAIM_BOND_TYPEHASH =
        keccak256("ReclaimBond(address signer,uint256 jobId,address relayer,uint256 nonce,uint256 deadline)");
    uint256 internal constant AGENT_KEY = 0xA0D17;

    address internal relayer = makeAddr("relayer");
    address internal agent;

    function setUp() public override {
        super.setUp();
        agent = vm.addr(AGENT_KEY);
        fund(agent);
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function digestOf(bytes32 structHash) internal view returns (bytes32) {
        bytes32 domain =
            keccak256(abi.encode(_DOMAIN_TYPEHASH, keccak256("Tender"), keccak256("1"), block.chainid, address(escrow)));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function signedOf(bytes32 structHash, address named, uint256 nonce, uint256 deadline)
        internal
        view
        returns (Tender.Signed memory s)
    {
        s.signer = agent;
        s.relayer = named;
        s.nonce = nonce;
        s.deadline = deadline;
        (uint8 v, bytes32 r, bytes32 sig) = vm.sign(AGENT_KEY, digestOf(structHash));
        s.signature = abi.encodePacked(r, sig, v);
    }

    function commitSig(uint256 jobId, bytes32 c, address token, uint96 bond, uint256 nonce, address named)
        internal
        view
        returns (Tender.Signed memory)
    {
        return signedOf(
            keccak256(abi.encode(_COMMIT_TYPEHASH, agent, jobId, c, token, bond, named, nonce, BID_DEADLINE)),
            named,
            nonce,
            BID_DEADLINE
        );
    }

    function noPermit() internal pure returns (Tender.Permit memory p) {}

    /*//////////////////////////////////////////////////////////////
                                FINDINGS
    //////////////////////////////////////////////////////////////*/

    /// Found S-1 (informational, fixed): the bond is rounded down, so at a small maximum price 5% of it could round to
    /// a bond of a smaller share (1 unit of 39 is 2.56%). The posting now refuses a bond whose share, as taken, is
    /// under the minimum.
    function test_audit_S1_sealedBond_asTaken_isAtLeastTheMinimumShare() public {
        Tender.RFQ memory rfq = sealedRfq(address(usd));
        rfq.floors.bondBps = 500;
        rfq.maxPrice = 39;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.SealedBondTooLow.selector, 500, 500));
        escrow.postRFQ(rfq);
        rfq.maxPrice = 40;
        uint256 jobId = postRFQ(rfq);
        vm.prank(s1);
        escrow.commit(jobId, commitmentOf(jobId, s1, 30, saltOf(s1)), rfq.floors);
        uint256 bond = escrow.bidOf(jobId, s1).bond;
        assertEq(bond, 2, "the bond the escrow took");
        assertGe(bond * 10_000, uint256(rfq.maxPrice) * escrow.MIN_SEALED_BOND_BPS(), "bond >= 5% of the maximum");
    }

    /// Found S-2 (low, fixed): a commit to a price that can never win (0 or above the maximum) is free. Its bidder knows at
    /// commit that it cannot win, yet it blocks the buyer's cancel for the whole bid and reveal windows, counts as a
    /// competitor in commitCount (all a sealed RFQ shows of its competition), and its bond comes back in full once it
    /// is revealed. In the open modes a blocking bid must be a real price that can be awarded; here it carries no risk.
    function test_audit_S2_aNeverWinnableCommit_blocksTheCancel_butCostsItsBond() public {
        uint256 jobId = postSealed(address(usd));
        address griefer = s3;
        uint256 grieferBefore = usd.balanceOf(griefer);
        commitAs(griefer, jobId, 0); // a price that cannot win
        assertEq(escrow.commitCount(jobId), 1, "counted as competition");

        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, REVEAL_DEADLINE));
        escrow.cancel(jobId); // the buyer changed its mind: locked for bid + reveal windows

        vm.warp(BID_DEADLINE);
        revealAs(griefer, jobId, 0);
        vm.warp(REVEAL_DEADLINE);
        vm.prank(buyer);
        escrow.cancel(jobId);

        // The property a sealed bid should have: a commitment that could never win is not an honest bid, so its bond
        // should not come back (it should go to the buyer like an unrevealed one's).
        vm.prank(griefer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondForfeit.selector, jobId, griefer));
        escrow.reclaimBond(jobId);
        assertEq(usd.balanceOf(griefer), grieferBefore - BOND, "the blocking commit cost its bond");
    }

    /*//////////////////////////////////////////////////////////////
                         DEADLINE EDGES (WITHSTOOD)
    //////////////////////////////////////////////////////////////*/

    function test_audit_deadlineEdges_commitRevealAwardForfeit() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6);
        commitAs(s2, jobId, 500e6); // never revealed

        vm.warp(BID_DEADLINE - 1);
        commitAs(s3, jobId, 700e6); // the last second of bidding
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingOpen.selector, jobId, BID_DEADLINE));
        escrow.reveal(jobId, s1, 600e6, saltOf(s1));

        vm.warp(BID_DEADLINE);
        vm.prank(agent);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingClosed.selector, jobId, BID_DEADLINE));
        escrow.commit(jobId, commitmentOf(jobId, agent, 1, bytes32(0)), sealedFloors());
        revealAs(s1, jobId, 600e6);

        vm.warp(REVEAL_DEADLINE - 1);
        revealAs(s3, jobId, 700e6);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.RevealOpen.selector, jobId, REVEAL_DEADLINE));
        escrow.award(jobId);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotForfeitable.selector, jobId, s2));
        escrow.forfeitBond(jobId, s2);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, 0));
        escrow.cancel(jobId);

        vm.warp(REVEAL_DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.RevealClosed.selector, jobId, REVEAL_DEADLINE));
        escrow.reveal(jobId, s2, 500e6, saltOf(s2));
        escrow.forfeitBond(jobId, s2);
        escrow.award(jobId);
        assertEq(escrow.job(jobId).supplier, s1, "the lowest revealed, not the lower unrevealed");
        vm.prank(buyer);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Open, Tender.Status.Awarded));
        escrow.cancel(jobId);
    }

    /// With commits and nothing revealed, nobody (buyer, arbitrator, stranger) can cancel before the reveal deadline
    /// (so no one can end the RFQ early to turn revealable bonds into forfeits); the buyer can at it, anyone after
    /// the grace period.
    function test_audit_lapseEdges_noEarlyCancelToForfeitBonds() public {
        uint256 a = postSealed(address(usd));
        uint256 b = postSealed(address(usd));
        commitAs(s1, a, 600e6);
        commitAs(s1, b, 600e6);
        address[3] memory who = [buyer, arbitrator, stranger];
        uint256[3] memory times = [START + 1, BID_DEADLINE, REVEAL_DEADLINE - 1];
        for (uint256 t; t < 3; ++t) {
            vm.warp(times[t]);
            for (uint256 i; i < 3; ++i) {
                vm.prank(who[i]);
                vm.expectRevert(
                    abi.encodeWithSelector(
                        ITenderMarket.CannotCancelYet.selector, a, i == 0 ? REVEAL_DEADLINE : REVEAL_DEADLINE + GRACE
                    )
                );
                escrow.cancel(a);
            }
        }
        vm.warp(REVEAL_DEADLINE);
        vm.prank(buyer);
        escrow.cancel(a);
        vm.warp(REVEAL_DEADLINE + GRACE - 1);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, b, REVEAL_DEADLINE + GRACE));
        escrow.cancel(b);
        vm.warp(REVEAL_DEADLINE + GRACE);
        vm.prank(stranger);
        escrow.cancel(b);
        escrow.forfeitBond(a, s1);
        escrow.forfeitBond(b, s1);
        assertEq(usd.balanceOf(address(escrow)), 0, "both maxima refunded, both bonds forfeited, nothing left");
    }

    /*//////////////////////////////////////////////////////////////
                   BONDS: NO DOUBLE SPEND, NONE STUCK (WITHSTOOD)
    //////////////////////////////////////////////////////////////*/

    function test_audit_bonds_reclaimForfeitAndWinner_eachPaidOnce_bySigToo() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6); // revealed, loses
        commitAs(s2, jobId, 400e6); // never revealed (the best price, hidden)
        commitAs(s3, jobId, 500e6); // revealed, wins
        commitAs(agent, jobId, 300e6); // never revealed; tries the signed reclaim
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 600e6);
        revealAs(s3, jobId, 500e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);

        // The revealed loser: once, and never as a forfeit.
        vm.prank(s1);
        escrow.reclaimBond(jobId);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotForfeitable.selector, jobId, s1));
        escrow.forfeitBond(jobId, s1);
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s1));
        escrow.reclaimBond(jobId);

        // The unrevealed: reclaim refused (plain and signed), forfeit once.
        Tender.Signed memory rs = signedOf(
            keccak256(abi.encode(_RECLAIM_BOND_TYPEHASH, agent, jobId, address(0), uint256(1), REVEAL_DEADLINE + 1 days)),
            address(0),
            1,
            REVEAL_DEADLINE + 1 days
        );
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondForfeit.selector, jobId, agent));
        escrow.reclaimBondBySig(jobId, rs);
        uint256 buyerBefore = usd.balanceOf(buyer);
        escrow.forfeitBond(jobId, s2);
        escrow.forfeitBond(jobId, agent);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotForfeitable.selector, jobId, s2));
        escrow.forfeitBond(jobId, s2);
        vm.prank(s2);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s2));
        escrow.reclaimBond(jobId);
        assertEq(usd.balanceOf(buyer), buyerBefore + 2 * BOND, "two forfeits to the buyer");
    }

    function test_audit_bonds_signedReclaimAfterForfeit_refused() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(agent, jobId, 300e6);
        commitAs(s1, jobId, 500e6);
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 500e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);
        escrow.forfeitBond(jobId, agent);
        Tender.Signed memory rs = signedOf(
            keccak256(abi.encode(_RECLAIM_BOND_TYPEHASH, agent, jobId, address(0), uint256(1), REVEAL_DEADLINE + 1 days)),
            address(0),
            1,
            REVEAL_DEADLINE + 1 days
        );
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, agent));
        escrow.reclaimBondBySig(jobId, rs);
    }

    /// The sealed winner's bond is the market's until its job ends: not reclaimable, not forfeitable; on a missed
    /// delivery it goes to the buyer with the price; after every bond is settled, the escrow holds nothing.
    function test_audit_sealedWinner_refunded_bondToBuyer_escrowEmpty() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6);
        commitAs(s2, jobId, 550e6);
        commitAs(s3, jobId, 450e6);
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 600e6);
        revealAs(s2, jobId, 550e6);
        vm.warp(REVEAL_DEADLINE);
        uint256 buyerBefore = usd.balanceOf(buyer);
        escrow.award(jobId);
        vm.prank(s2);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s2));
        escrow.reclaimBond(jobId);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotForfeitable.selector, jobId, s2));
        escrow.forfeitBond(jobId, s2);
        vm.warp(REVEAL_DEADLINE + DELIVERY);
        escrow.refund(jobId);
        vm.prank(s1);
        escrow.reclaimBond(jobId);
        escrow.forfeitBond(jobId, s3);
        assertEq(usd.balanceOf(buyer), buyerBefore + MAX + BOND + BOND, "maximum back, winner's and s3's bonds");
        assertEq(usd.balanceOf(address(escrow)), 0, "the escrow holds nothing");
    }

    /// A sealed RFQ in milestones with a holdback that holds the winner's bond: every bond (winner's in parts, held
    /// with each payment, a loser's, a forfeit) ends with exactly one party; only the protocol fees stay.
    function test_audit_milestonesSealed_holdBond_everyBondEndsOnce() public {
        Tender.RFQ memory rfq = sealedRfq(address(usd));
        rfq.warranty = Tender.Warranty({holdbackBps: 1_000, warrantyWindow: WARRANTY, holdBond: true});
        Tender.Milestone[] memory plan = new Tender.Milestone[](2);
        plan[0] = Tender.Milestone({shareBps: 4_000, deliveryWindow: DELIVERY});
        plan[1] = Tender.Milestone({shareBps: 6_000, deliveryWindow: DELIVERY});
        vm.prank(buyer);
        uint256 jobId = escrow.postRFQInMilestones(rfq, plan);
        assertEq(escrow.job(jobId).flags & Tender.FLAG_SEALED, Tender.FLAG_SEALED, "sealed flag kept");
        assertEq(escrow.job(jobId).flags & Tender.FLAG_MILESTONES, Tender.FLAG_MILESTONES, "milestones flag");
        assertEq(escrow.job(jobId).flags & Tender.FLAG_HOLDBACK, Tender.FLAG_HOLDBACK, "holdback flag");

        uint256 s1Before = usd.balanceOf(s1);
        uint256 buyerBefore = usd.balanceOf(buyer);
        commitAs(s1, jobId, 600e6); // wins
        commitAs(s2, jobId, 700e6); // revealed loser
        commitAs(s3, jobId, 100e6); // never revealed
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 600e6);
        revealAs(s2, jobId, 700e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);
        for (uint256 i; i < 2; ++i) {
            vm.prank(s1);
            escrow.deliver(jobId, keccak256("part"), "ipfs://part");
            vm.prank(buyer);
            escrow.confirm(jobId, i == 1 ? 5 : 0);
        }
        assertStatus(jobId, Tender.Status.Settled);
        assertGt(escrow.heldOf(jobId, 0).bond, 0, "bond held with payment 0");
        vm.warp(REVEAL_DEADLINE + WARRANTY);
        escrow.release(jobId, 0);
        escrow.release(jobId, 1);
        vm.prank(s2);
        escrow.reclaimBond(jobId);
        escrow.forfeitBond(jobId, s3);
        uint256 fees = escrow.protocolFees(address(usd));
        assertEq(usd.balanceOf(address(escrow)), fees, "only protocol fees stay");
        assertEq(usd.balanceOf(s1), s1Before + 600e6 - fees, "the winner: its price less the fee, its bond back");
        assertEq(usd.balanceOf(buyer), buyerBefore + MAX - 600e6 + BOND, "the buyer: the rest of the maximum, the forfeit");
    }

    /*//////////////////////////////////////////////////////////////
                REVEALS BY OTHERS, COPIED COMMITMENTS (WITHSTOOD)
    //////////////////////////////////////////////////////////////*/

    /// A copier commits s1's public commitment under its own name: the opening does not open it for the copier (it
    /// names s1), so the copier forfeits; a stranger front-running s1's reveal only reveals s1.
    function test_audit_copiedCommitment_andFrontRunReveal_areHarmless() public {
        uint256 jobId = postSealed(address(usd));
        bytes32 c = commitmentOf(jobId, s1, 600e6, saltOf(s1));
        vm.prank(s1);
        escrow.commit(jobId, c, sealedFloors());
        vm.prank(s2);
        escrow.commit(jobId, c, sealedFloors()); // the copy
        vm.warp(BID_DEADLINE);
        vm.prank(s2);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CommitmentMismatch.selector, jobId, s2));
        escrow.reveal(jobId, s2, 600e6, saltOf(s1));
        vm.prank(stranger); // front-runs s1's own reveal
        escrow.reveal(jobId, s1, 600e6, saltOf(s1));
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NothingToReveal.selector, jobId, s1));
        escrow.reveal(jobId, s1, 600e6, saltOf(s1));
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);
        assertEq(escrow.job(jobId).supplier, s1, "s1 wins at its price");
        escrow.forfeitBond(jobId, s2);
        vm.prank(s2);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s2));
        escrow.reclaimBond(jobId);
    }

    /*//////////////////////////////////////////////////////////////
                    SIGNED COMMITS: REPLAY, SUBSTITUTION (WITHSTOOD)
    //////////////////////////////////////////////////////////////*/

    function test_audit_commitBySig_replayAndSubstitution_refused() public {
        uint256 a = postSealed(address(usd));
        uint256 b = postSealed(address(usd)); // same token, same bond: only the job id differs
        uint256 open = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, sealedFloors()));
        bytes32 c = commitmentOf(a, agent, 550e6, saltOf(agent));
        Tender.Signed memory s = commitSig(a, c, address(usd), BOND, 1, address(0));

        // On another job.
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.commitBySig(b, c, sealedFloors(), noPermit(), s);
        // With other floors of the same bond (the floors are not signed, but must be the posted ones).
        Tender.Floors memory other = sealedFloors();
        other.minCompleted = 0;
        other.minRatings = 1;
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.FloorsMismatch.selector, a));
        escrow.commitBySig(a, c, other, noPermit(), s);
        // As an open bid (another type hash).
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.bidBySig(a, 550e6, sealedFloors(), noPermit(), s);
        // A Commit signed for an open RFQ is the wrong mode.
        Tender.Signed memory so = commitSig(open, c, address(usd), BOND, 2, address(0));
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.WrongAwardMode.selector, open, Tender.AwardMode.LowestPrice));
        escrow.commitBySig(open, c, sealedFloors(), noPermit(), so);

        vm.prank(stranger);
        escrow.commitBySig(a, c, sealedFloors(), noPermit(), s);
        assertEq(escrow.commitmentOf(a, agent), c, "committed for the signer");
        // Replayed, and a second signature on the same job.
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NonceUsed.selector, agent, 1));
        escrow.commitBySig(a, c, sealedFloors(), noPermit(), s);
        Tender.Signed memory s3_ = commitSig(a, c, address(usd), BOND, 3, address(0));
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.AlreadyBid.selector, a, agent));
        escrow.commitBySig(a, c, sealedFloors(), noPermit(), s3_);
        // Expired once bidding ends (its deadline was the bid deadline).
        vm.warp(BID_DEADLINE);
        Tender.Signed memory late = commitSig(b, commitmentOf(b, agent, 1, bytes32(0)), address(usd), BOND, 4, address(0));
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.SignatureExpired.selector, BID_DEADLINE));
        escrow.commitBySig(b, commitmentOf(b, agent, 1, bytes32(0)), sealedFloors(), noPermit(), late);
    }

    /*//////////////////////////////////////////////////////////////
                   HOSTILE RECEIVERS AND TOKENS (WITHSTOOD)
    //////////////////////////////////////////////////////////////*/

    /// A buyer contract refusing ETH cannot block the award's refund or a forfeit: both are credited to it.
    function test_audit_ethBuyerRefusingEth_awardAndForfeitCredited() public {
        RejectingParty hostile = new RejectingParty();
        vm.deal(address(hostile), 10_000 ether);
        Tender.RFQ memory rfq = sealedRfq(ETH);
        bytes memory ret = hostile.exec(address(escrow), MAX, abi.encodeCall(ITenderMarket.postRFQ, (rfq)));
        uint256 jobId = abi.decode(ret, (uint256));
        commitAs(s1, jobId, 600e6, ETH);
        commitAs(s2, jobId, 500e6, ETH);
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 600e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);
        escrow.forfeitBond(jobId, s2);
        assertEq(escrow.credit(address(hostile), ETH), MAX - 600e6 + BOND, "refund and forfeit credited");
    }

    /// A token calling back into the escrow from inside every transfer cannot forfeit twice, nor forfeit during an
    /// award's refund: every guarded entry refuses it, and each bond still ends once.
    function test_audit_reentrantToken_cannotDoubleForfeit() public {
        ReentrantToken tok = new ReentrantToken();
        allowToken(address(tok));
        address[4] memory parties = [buyer, s1, s2, s3];
        for (uint256 i; i < 4; ++i) {
            tok.mint(parties[i], 1e18);
            vm.prank(parties[i]);
            tok.approve(address(escrow), type(uint256).max);
        }
        uint256 jobId = postRFQ(sealedRfq(address(tok)));
        commitAs(s1, jobId, 600e6, address(tok));
        commitAs(s2, jobId, 500e6, address(tok));
        commitAs(s3, jobId, 400e6, address(tok));
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 600e6);
        vm.warp(REVEAL_DEADLINE);

        tok.arm(address(escrow), abi.encodeCall(escrow.forfeitBond, (jobId, s3)));
        escrow.award(jobId); // the refund's transfer tries to forfeit s3
        assertFalse(tok.reentered(), "no forfeit from inside the award");
        tok.arm(address(escrow), abi.encodeCall(escrow.forfeitBond, (jobId, s3)));
        escrow.forfeitBond(jobId, s2); // the forfeit's transfer tries another
        assertFalse(tok.reentered(), "no forfeit from inside a forfeit");
        assertEq(escrow.bidOf(jobId, s3).bond, BOND, "s3's bond untouched");
        tok.arm(address(0), "");
        escrow.forfeitBond(jobId, s3);
        assertEq(
            tok.balanceOf(address(escrow)),
            600e6 + BOND + escrow.credit(buyer, address(tok)),
            "the escrow holds the price and the winner's bond (and any credit)"
        );
    }
}
